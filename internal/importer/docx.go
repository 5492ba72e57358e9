package importer

import "errors"

// ReadDocx reads a Word relevé into blocks.
func ReadDocx(data []byte) ([]Block, error) { return nil, errors.New("docx: todo") }
