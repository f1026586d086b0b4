{{ "single ' inside" }} {{ 'double " inside' }} {{ "" }}{{ '' }}|
