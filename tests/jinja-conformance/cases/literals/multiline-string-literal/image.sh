{{ "first
second" }}
