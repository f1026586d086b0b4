echo b

