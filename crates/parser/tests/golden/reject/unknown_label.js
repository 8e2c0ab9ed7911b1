while (1) { break nowhere; }
