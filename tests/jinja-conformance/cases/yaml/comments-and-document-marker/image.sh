{{ note }} {{ hash_in_plain }} {{ ignored is defined }}
