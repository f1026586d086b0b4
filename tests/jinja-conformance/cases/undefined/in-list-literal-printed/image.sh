{{ [missing] }}
