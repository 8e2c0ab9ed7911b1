label: label: ;
