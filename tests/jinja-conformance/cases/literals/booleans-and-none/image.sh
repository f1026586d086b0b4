{{ true }} {{ True }} {{ false }} {{ False }} {{ none }} {{ None }} {{ true is sameas True }} {{ none is none }}
