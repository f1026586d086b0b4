{{ count + 1 }}
