// antd's List.Item.Meta with a heading of the level the page needs: antd's always writes an <h4>, which under a
// card's <h2> skips a level (axe's heading-order, one point off Lighthouse's accessibility score on the home page).
// Same markup and class names otherwise, so antd's styles apply unchanged.
import { useContext, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';

interface Props {
  title?: ReactNode;
  description?: ReactNode;
  /** The title's heading level: one below the section heading the list sits under. */
  level: 2 | 3 | 4;
}

export function ListItemMeta({ title, description, level }: Props) {
  const Heading = `h${level}` as const;
  const list = useContext(ConfigProvider.ConfigContext).getPrefixCls('list');
  return (
    <div className={`${list}-item-meta`}>
      <div className={`${list}-item-meta-content`}>
        {title && <Heading className={`${list}-item-meta-title`}>{title}</Heading>}
        {description && <div className={`${list}-item-meta-description`}>{description}</div>}
      </div>
    </div>
  );
}
