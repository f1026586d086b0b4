echo shared base
