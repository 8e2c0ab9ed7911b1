for (let let of []) {}
