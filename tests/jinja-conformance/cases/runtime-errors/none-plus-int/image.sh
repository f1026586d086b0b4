{{ value + 1 }}
