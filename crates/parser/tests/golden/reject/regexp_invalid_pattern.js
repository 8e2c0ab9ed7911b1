const re = /a{2,1}/u;
