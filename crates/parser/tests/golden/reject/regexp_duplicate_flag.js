const re = /abc/gig;
