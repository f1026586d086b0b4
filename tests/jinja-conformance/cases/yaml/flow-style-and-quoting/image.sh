{{ ports }} {{ tags['team name'] }} {{ message }} [{{ escaped }}] [{{ plain_multi }}]
