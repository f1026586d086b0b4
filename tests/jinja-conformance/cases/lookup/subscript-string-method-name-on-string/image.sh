{{ s.upper() }} {{ s['upper'] is defined }} {{ s.upper is defined }}
