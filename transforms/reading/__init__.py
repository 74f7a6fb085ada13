"""The sentence loop's parts (`transforms.extract` runs the loop): the document and its look-ups, the
indicator of a figure, the fact it becomes, its period and status."""
