"""The real MiniLM embedder."""
from __future__ import annotations

import numpy as np

from assistant.index.embeddings import MiniLMEmbeddings, _configured_dimension


def test_encode_shape_and_unit_length(embedder):
    v = embedder.encode(["The UN estimated 30,000 foreign fighters.", "Europol counted 119 attacks."])
    assert v.shape == (2, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert embedder.encode([]).shape == (0, 384)


def test_similar_texts_score_higher(embedder):
    q = np.array(embedder.embed_query("How many foreign fighters went to Syria?"))
    docs = np.array(embedder.embed_documents(["Some 30,000 foreign fighters travelled to Syria and Iraq.",
                                              "The recipe needs two eggs and a cup of flour."]))
    sims = docs @ q
    assert sims[0] > sims[1] + 0.2


def test_dimension_from_config_matches_the_loaded_model(embedder):
    fresh = MiniLMEmbeddings(embedder.model_path, embedder.model_id)
    assert fresh.dimension == 384 and fresh._model is None, "reading the dimension must not load the model"
    assert _configured_dimension(embedder.model_path) == embedder.model.get_embedding_dimension() == 384


def test_dimension_config_refuses_unknown_layouts(tmp_path, embedder):
    import json
    import shutil

    model = tmp_path / "m"
    shutil.copytree(embedder.model_path, model, ignore=shutil.ignore_patterns("*.safetensors", "*.bin"))
    modules = json.loads((model / "modules.json").read_text())
    modules.append({"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"})
    (model / "modules.json").write_text(json.dumps(modules))
    assert _configured_dimension(model) is None
    (model / "modules.json").write_text("{bad")
    assert _configured_dimension(model) is None
