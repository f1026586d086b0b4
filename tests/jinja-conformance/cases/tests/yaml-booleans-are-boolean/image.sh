{{ a is boolean }} {{ a is true }} {{ b is false }} {{ c is boolean }} {{ c is string }}
