# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The sample, analysed
#
# This notebook processes the bundled sample (a German blog post on the Exchange Online outages
# of 17–18 July 2023) and looks at what comes out: the Parquet tables in pandas, the timeline of
# incident EX648815, the duplicate clusters of its twelve status updates, and the incident graph
# drawn with networkx. It is paired with jupytext (this `.py` file is the source) and executed by
# the test suite, so it cannot rot.

# %%
# %matplotlib inline
import json
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from extract.batch import run_batch
from extract.resources import sample_paths

out = Path(tempfile.mkdtemp(prefix="incident-extract-"))
summary = run_batch(sample_paths(), out)
print(json.dumps(summary["documents"]), summary["mentions"])

# %% [markdown]
# ## The tables

# %%
documents = pd.read_parquet(out / "documents.parquet")
mentions = pd.read_parquet(out / "mentions.parquet")
updates = pd.read_parquet(out / "updates.parquet")
incidents = pd.read_parquet(out / "incidents.parquet")
documents[["id", "kind", "author", "lang", "published", "parent"]]

# %%
mentions.groupby(["type", "lang"]).size().unstack(fill_value=0)

# %%
mentions[mentions["type"] == "timestamp"][["text", "value", "role", "grain", "tz", "approx"]].drop_duplicates("value")

# %%
incidents[["incident_id", "service", "status", "start", "first_seen", "last_seen", "update_count"]]

# %% [markdown]
# ## The timeline of EX648815
#
# Twelve admin-center updates, each promising the next one; the promise is drawn as an arrow.

# %%
ex = updates[updates["incident_id"] == "EX648815"].sort_values("published")
ex[["published", "status", "status_text"]]

# %%
from extract.timeline import write_timelines

for path in write_timelines(out):
    print(path.name)
plt.imshow(plt.imread(out / "plots" / "EX648815.png"))
plt.axis("off")

# %% [markdown]
# ## Duplicate clusters
#
# The twelve posts repeat their Title, User impact and Scope verbatim and their Root cause ten
# times; the field-level clusters show it.

# %%
nodes = pd.DataFrame(json.loads((out / "graph.json").read_text())["nodes"])
clusters = nodes[nodes["kind"] == "text_cluster"]
clusters = clusters.drop(columns=[c for c in clusters.columns if clusters[c].isna().all()])
clusters.head(20)

# %% [markdown]
# Each distinct update keeps every place it was quoted (`sources`), and the twelve updates of
# EX648815 share one text cluster per repeated field.

# %%
ex[["published", "text_cluster", "n_sources", "revision_of"]]

# %% [markdown]
# ## The graph

# %%
graph = nx.node_link_graph(json.loads((out / "graph.json").read_text()), edges="edges")
print(graph)
keep = [n for n, d in graph.nodes(data=True) if d.get("kind") in {"incident", "service", "error_code", "region", "external_ref", "feature"}]
sub = graph.subgraph(keep)
colors = {"incident": "#ffd166", "service": "#8ecae6", "error_code": "#ef476f", "region": "#06d6a0", "external_ref": "#adb5bd", "feature": "#bde0fe"}
plt.figure(figsize=(9, 6))
pos = nx.spring_layout(sub, seed=7)
nx.draw_networkx(sub, pos, node_color=[colors.get(sub.nodes[n].get("kind"), "#ccc") for n in sub], font_size=7, node_size=500)
plt.axis("off")
