import.defer();
