x = `unterminated ${a}
