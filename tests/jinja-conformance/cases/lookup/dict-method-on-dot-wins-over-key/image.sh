{{ apt.update is callable }} {{ apt.update is sameas true }}
