{{ set_var is defined }} {{ null_var is defined }} {{ nope is defined }} {{ nope is undefined }} {{ set_var is not undefined }} {{ nope is not defined }}
