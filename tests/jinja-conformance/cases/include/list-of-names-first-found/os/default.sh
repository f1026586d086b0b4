echo default
