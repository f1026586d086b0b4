{{ envs[which].size }} {% for e in ['prod', 'dev'] %}{{ e }}={{ envs[e]['size'] }} {% endfor %}
