new import.source("m");
