{{ users[0].nope }}
