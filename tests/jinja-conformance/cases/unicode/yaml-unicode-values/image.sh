{{ greeting }} {{ greeting|length }} {{ escaped }} {{ greeting|upper }}
