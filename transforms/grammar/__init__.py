"""The grammar that reads a report's figures, one concern a module, its words as data in
`seeds/grammar/*.csv` (and the metric aliases of `seeds/metrics.csv`, the units of
`seeds/units.csv`):

- `keys`: the folded matching key of a text and its tokens;
- `lexicon`: every phrase of the grammar found in one pass (an Aho-Corasick automaton);
- `numbers`: numbers with their scale words, units and counted nouns;
- `masks`: the numbers that are never facts (dates, document numbers, terms, ages, ranks ...);
- `periods`: reporting periods and years;
- `indicator`: which metric a number is a figure of (the recogniser);
- `roles`: level, ratio to plan, ratio to a base, change, part; base, qualifier, scope;
- `status`: actual, estimate or target.

`transforms.extract` keeps only the sentence loop that applies them.
"""
