{{ zero }} {{ negative }} {{ big }} {{ port }} {{ port + 1 }} {{ negative * 2 }} {{ big + 1 }} {{ port is integer }} {{ port // 1000 }}
