"""The learned reader: a cross-encoder that reads an evidence sentence against a claim.

``model.py`` loads the shipped weights (``weights/``) and scores pairs; ``data.py`` builds the training and
held-out sets; ``train.py`` trains and exports them (``make train-stance``); ``MODEL_CARD.md`` in ``weights/``
says what the model was trained on and how well it reads each held-out slice.
"""
