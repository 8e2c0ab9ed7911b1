try {} catch (error) { let error; }
