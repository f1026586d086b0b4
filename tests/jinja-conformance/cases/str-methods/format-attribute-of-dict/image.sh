{{ '{0[name]}:{0[uid]}'.format(user) }} {{ '{u[name]}'.format(u=user) }}
