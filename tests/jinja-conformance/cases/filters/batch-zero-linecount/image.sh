{{ [1, 2]|batch(0)|list }}
