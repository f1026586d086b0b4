curl -fsSL https://agent.example.com/install.sh | bash -s -- --os {{ os_family }}
