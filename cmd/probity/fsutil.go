package main

import (
	"io/fs"
	"path/filepath"
)

func walkSizes(dir string, total *int64) error {
	return filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				*total += info.Size()
			}
		}
		return nil
	})
}
