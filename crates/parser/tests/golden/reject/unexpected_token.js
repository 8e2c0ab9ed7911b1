let x = );
