{% set x = 'part' %}part x={{ x }}
