import { Placeholder } from '../../../components/Placeholder'

/** 导入专利清单: choose file → mapping → preview → import → summary. */
export function ImportPage() {
  return <Placeholder title="导入专利清单" />
}
