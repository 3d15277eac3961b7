"""References inside one article: who "he", "it" and "the minister" are.

`coref.add_coreference(nlp)` adds coreferee with newsbeam's packaged model; `coref.antecedents(doc)`
and `coref.antecedent_spans(doc)` read its chains.
"""
