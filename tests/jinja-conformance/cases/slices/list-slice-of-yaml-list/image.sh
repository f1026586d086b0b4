primary={{ servers[0] }} replicas={{ servers[1:]|join(',') }} last-two={{ servers[-2:] }}
