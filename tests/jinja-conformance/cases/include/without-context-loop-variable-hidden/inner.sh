item defined: {{ item is defined }}
