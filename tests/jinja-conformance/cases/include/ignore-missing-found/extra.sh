extra ran
