typeof import.defer;
