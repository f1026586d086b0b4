{{ 'hello WORLD'|capitalize }} {{ ''|capitalize }}| {{ 'élan'|capitalize }} {{ '1st place'|capitalize }}
