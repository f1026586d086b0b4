{{ 'MiXeD'|lower }} {{ 'MiXeD'|upper }} {{ 'ß'|upper }} {{ 'ÉCOLE'|lower }}
