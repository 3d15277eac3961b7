"""References inside one article: who "he", "it" and "the minister" are.

`References(doc, entities).entity_of(token)` (resolve.py) is the one rule-based resolver the quote
speakers and the event roles share ("he", "its", "the minister" -> an Entity of the article).
`coref.add_coreference(nlp)` adds coreferee with newsbeam's packaged model; `coref.antecedents(doc)`
and `coref.antecedent_spans(doc)` read its chains.
"""

from .resolve import References

__all__ = ["References"]
