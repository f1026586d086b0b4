{% set d = {key: 'us-east-1', key ~ '_id': 1} %}{{ d }}
