{{ range }}
