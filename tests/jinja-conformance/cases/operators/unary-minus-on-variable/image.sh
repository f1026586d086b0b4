{{ -offset }} {{ - offset + 10 }} {{ -offset ** 2 }}
