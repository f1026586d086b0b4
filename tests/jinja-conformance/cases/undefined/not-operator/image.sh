{{ not missing }}
