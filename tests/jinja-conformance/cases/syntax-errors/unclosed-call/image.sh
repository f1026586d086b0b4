{{ range(3 }}
